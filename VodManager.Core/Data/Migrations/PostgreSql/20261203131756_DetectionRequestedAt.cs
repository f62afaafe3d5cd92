using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.PostgreSql
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
                type: "timestamp with time zone",
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
