using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StagedDataImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TranscriptSegments_StreamId_StartSeconds",
                table: "TranscriptSegments");

            migrationBuilder.DropIndex(
                name: "IX_StreamEvents_StreamId_OffsetSeconds",
                table: "StreamEvents");

            migrationBuilder.DropIndex(
                name: "IX_ChatMessages_StreamId_OffsetSeconds",
                table: "ChatMessages");

            migrationBuilder.AddColumn<long>(
                name: "ImportId",
                table: "TranscriptSegments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChatImportId",
                table: "Streams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "EventsImportId",
                table: "Streams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "TranscriptImportId",
                table: "Streams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ImportId",
                table: "StreamEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ImportId",
                table: "ChatMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "DataImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataImports_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptSegments_StreamId_ImportId_StartSeconds",
                table: "TranscriptSegments",
                columns: new[] { "StreamId", "ImportId", "StartSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_StreamEvents_StreamId_ImportId_OffsetSeconds",
                table: "StreamEvents",
                columns: new[] { "StreamId", "ImportId", "OffsetSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_StreamId_ImportId_OffsetSeconds",
                table: "ChatMessages",
                columns: new[] { "StreamId", "ImportId", "OffsetSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_DataImports_StreamId",
                table: "DataImports",
                column: "StreamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataImports");

            migrationBuilder.DropIndex(
                name: "IX_TranscriptSegments_StreamId_ImportId_StartSeconds",
                table: "TranscriptSegments");

            migrationBuilder.DropIndex(
                name: "IX_StreamEvents_StreamId_ImportId_OffsetSeconds",
                table: "StreamEvents");

            migrationBuilder.DropIndex(
                name: "IX_ChatMessages_StreamId_ImportId_OffsetSeconds",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "TranscriptSegments");

            migrationBuilder.DropColumn(
                name: "ChatImportId",
                table: "Streams");

            migrationBuilder.DropColumn(
                name: "EventsImportId",
                table: "Streams");

            migrationBuilder.DropColumn(
                name: "TranscriptImportId",
                table: "Streams");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "StreamEvents");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "ChatMessages");

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptSegments_StreamId_StartSeconds",
                table: "TranscriptSegments",
                columns: new[] { "StreamId", "StartSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_StreamEvents_StreamId_OffsetSeconds",
                table: "StreamEvents",
                columns: new[] { "StreamId", "OffsetSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_StreamId_OffsetSeconds",
                table: "ChatMessages",
                columns: new[] { "StreamId", "OffsetSeconds" });
        }
    }
}
