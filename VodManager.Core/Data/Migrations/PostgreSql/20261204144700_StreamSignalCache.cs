using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StreamSignalCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StreamSignalCaches",
                columns: table => new
                {
                    StreamId = table.Column<int>(type: "integer", nullable: false),
                    Stamp = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Curves = table.Column<byte[]>(type: "bytea", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StreamSignalCaches", x => x.StreamId);
                    table.ForeignKey(
                        name: "FK_StreamSignalCaches_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StreamSignalCaches");
        }
    }
}
