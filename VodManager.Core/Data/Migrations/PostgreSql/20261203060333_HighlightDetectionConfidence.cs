using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class HighlightDetectionConfidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "DetectionConfidence",
                table: "Highlights",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsWeak",
                table: "Highlights",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Highlights detected before this kept their weakness only in their reason text, which then began "weak: ".
            migrationBuilder.Sql("UPDATE \"Highlights\" SET \"IsWeak\" = TRUE WHERE \"Explanation\" LIKE 'weak:%'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetectionConfidence",
                table: "Highlights");

            migrationBuilder.DropColumn(
                name: "IsWeak",
                table: "Highlights");
        }
    }
}
