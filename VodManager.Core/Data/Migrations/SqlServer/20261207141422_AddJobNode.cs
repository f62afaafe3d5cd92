using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddJobNode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NodeId",
                table: "Jobs",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_FinishedAt_CreatedAt",
                table: "Jobs",
                columns: new[] { "FinishedAt", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Jobs_FinishedAt_CreatedAt",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "NodeId",
                table: "Jobs");
        }
    }
}
