using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DetectionRequestedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DetectionRequestedAt",
                table: "Streams",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetectionRequestedAt",
                table: "Streams");
        }
    }
}
