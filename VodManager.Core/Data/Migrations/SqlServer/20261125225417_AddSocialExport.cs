using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddSocialExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ExportCaptions",
                table: "Vods",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ExportChat",
                table: "Vods",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExportFraming",
                table: "Vods",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExportProfile",
                table: "Vods",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceVodId",
                table: "Vods",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vods_SourceVodId",
                table: "Vods",
                column: "SourceVodId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Vods_SourceVodId",
                table: "Vods");

            migrationBuilder.DropColumn(
                name: "ExportCaptions",
                table: "Vods");

            migrationBuilder.DropColumn(
                name: "ExportChat",
                table: "Vods");

            migrationBuilder.DropColumn(
                name: "ExportFraming",
                table: "Vods");

            migrationBuilder.DropColumn(
                name: "ExportProfile",
                table: "Vods");

            migrationBuilder.DropColumn(
                name: "SourceVodId",
                table: "Vods");
        }
    }
}
