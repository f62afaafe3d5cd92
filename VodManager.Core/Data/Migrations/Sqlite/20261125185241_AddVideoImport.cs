using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddVideoImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Vods_StreamId",
                table: "Vods");

            migrationBuilder.CreateTable(
                name: "VideoUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    VodId = table.Column<int>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Offset = table.Column<long>(type: "INTEGER", nullable: false),
                    ChunkBytes = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResultVodId = table.Column<int>(type: "INTEGER", nullable: true),
                    AlreadyImported = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoUploads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoUploads_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoUploads_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoUploadChunks",
                columns: table => new
                {
                    UploadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    BlockHashes = table.Column<byte[]>(type: "BLOB", maxLength: 8192, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoUploadChunks", x => new { x.UploadId, x.Index });
                    table.ForeignKey(
                        name: "FK_VideoUploadChunks_VideoUploads_UploadId",
                        column: x => x.UploadId,
                        principalTable: "VideoUploads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Vods_StreamId_ContentHash",
                table: "Vods",
                columns: new[] { "StreamId", "ContentHash" },
                unique: true,
                filter: "[ContentHash] IS NOT NULL AND [DeletedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VideoUploads_AccountId",
                table: "VideoUploads",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoUploads_ExpiresAt",
                table: "VideoUploads",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_VideoUploads_StreamId",
                table: "VideoUploads",
                column: "StreamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VideoUploadChunks");

            migrationBuilder.DropTable(
                name: "VideoUploads");

            migrationBuilder.DropIndex(
                name: "IX_Vods_StreamId_ContentHash",
                table: "Vods");

            migrationBuilder.CreateIndex(
                name: "IX_Vods_StreamId",
                table: "Vods",
                column: "StreamId");
        }
    }
}
