using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddDownloadCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DownloadCheckpoints",
                columns: table => new
                {
                    VodId = table.Column<int>(type: "integer", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    End = table.Column<long>(type: "bigint", nullable: false),
                    BlockHashes = table.Column<byte[]>(type: "bytea", maxLength: 8192, nullable: false),
                    Resume = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DownloadCheckpoints", x => new { x.VodId, x.Index });
                    table.ForeignKey(
                        name: "FK_DownloadCheckpoints_Vods_VodId",
                        column: x => x.VodId,
                        principalTable: "Vods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DownloadCheckpoints");
        }
    }
}
