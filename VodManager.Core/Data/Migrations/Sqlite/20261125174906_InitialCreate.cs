using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Accounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MaxVodCount = table.Column<int>(type: "INTEGER", nullable: true),
                    QuotaBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    UsedBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    VodCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EvictOldClips = table.Column<bool>(type: "INTEGER", nullable: false),
                    RefinementBackend = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AutoRefine = table.Column<bool>(type: "INTEGER", nullable: false),
                    RefinementsPerRun = table.Column<int>(type: "INTEGER", nullable: false),
                    RefinementsPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VodPins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VodId = table.Column<int>(type: "INTEGER", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VodPins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Percent = table.Column<double>(type: "REAL", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Jobs_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Streams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: true),
                    ChatImportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EventsImportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TranscriptImportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DetectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Streams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Streams_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChatMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    OffsetSeconds = table.Column<double>(type: "REAL", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    EmoteCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Bits = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChatMessages_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StreamEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OffsetSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Magnitude = table.Column<double>(type: "REAL", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StreamEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StreamEvents_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TranscriptSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartSeconds = table.Column<double>(type: "REAL", nullable: false),
                    EndSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptSegments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranscriptSegments_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Vods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: true),
                    VideoCodec = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AudioCodec = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Width = table.Column<int>(type: "INTEGER", nullable: true),
                    Height = table.Column<int>(type: "INTEGER", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HighlightId = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceStartSeconds = table.Column<double>(type: "REAL", nullable: true),
                    SourceEndSeconds = table.Column<double>(type: "REAL", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StoredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vods_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Vods_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Highlights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    StreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    DetectedStart = table.Column<double>(type: "REAL", nullable: false),
                    DetectedEnd = table.Column<double>(type: "REAL", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RefinedStart = table.Column<double>(type: "REAL", nullable: true),
                    RefinedEnd = table.Column<double>(type: "REAL", nullable: true),
                    IsClipable = table.Column<bool>(type: "INTEGER", nullable: true),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    RefinementStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RefinementReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TrimStart = table.Column<double>(type: "REAL", nullable: true),
                    TrimEnd = table.Column<double>(type: "REAL", nullable: true),
                    TrimmedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TrimmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClipOverrideBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClipOverrideAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Dismissed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClipStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClipError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClipVodId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Signals_Audio = table.Column<double>(type: "REAL", nullable: false),
                    Signals_Chat = table.Column<double>(type: "REAL", nullable: false),
                    Signals_Events = table.Column<double>(type: "REAL", nullable: false),
                    Signals_Transcript = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Highlights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Highlights_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Highlights_Streams_StreamId",
                        column: x => x.StreamId,
                        principalTable: "Streams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Highlights_Vods_ClipVodId",
                        column: x => x.ClipVodId,
                        principalTable: "Vods",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VodMediaIndexes",
                columns: table => new
                {
                    VodId = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyframes = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Loudness = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VodMediaIndexes", x => x.VodId);
                    table.ForeignKey(
                        name: "FK_VodMediaIndexes_Vods_VodId",
                        column: x => x.VodId,
                        principalTable: "Vods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HighlightActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HighlightId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HighlightActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HighlightActivities_Highlights_HighlightId",
                        column: x => x.HighlightId,
                        principalTable: "Highlights",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RefinementAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HighlightId = table.Column<int>(type: "INTEGER", nullable: false),
                    Run = table.Column<int>(type: "INTEGER", nullable: false),
                    Iteration = table.Column<int>(type: "INTEGER", nullable: false),
                    Backend = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    InputSummary = table.Column<string>(type: "TEXT", nullable: true),
                    RawResponse = table.Column<string>(type: "TEXT", nullable: true),
                    ProposedStart = table.Column<double>(type: "REAL", nullable: true),
                    ProposedEnd = table.Column<double>(type: "REAL", nullable: true),
                    IsClipable = table.Column<bool>(type: "INTEGER", nullable: true),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefinementAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefinementAttempts_Highlights_HighlightId",
                        column: x => x.HighlightId,
                        principalTable: "Highlights",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_StreamId_OffsetSeconds",
                table: "ChatMessages",
                columns: new[] { "StreamId", "OffsetSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_HighlightActivities_HighlightId_At",
                table: "HighlightActivities",
                columns: new[] { "HighlightId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Highlights_AccountId",
                table: "Highlights",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Highlights_ClipVodId",
                table: "Highlights",
                column: "ClipVodId");

            migrationBuilder.CreateIndex(
                name: "IX_Highlights_StreamId_Rank",
                table: "Highlights",
                columns: new[] { "StreamId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_AccountId_Status",
                table: "Jobs",
                columns: new[] { "AccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RefinementAttempts_HighlightId_Run_Iteration",
                table: "RefinementAttempts",
                columns: new[] { "HighlightId", "Run", "Iteration" });

            migrationBuilder.CreateIndex(
                name: "IX_StreamEvents_StreamId_OffsetSeconds",
                table: "StreamEvents",
                columns: new[] { "StreamId", "OffsetSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_Streams_AccountId_StartedAt",
                table: "Streams",
                columns: new[] { "AccountId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptSegments_StreamId_StartSeconds",
                table: "TranscriptSegments",
                columns: new[] { "StreamId", "StartSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_VodPins_VodId_ExpiresAt",
                table: "VodPins",
                columns: new[] { "VodId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Vods_AccountId_CreatedAt",
                table: "Vods",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Vods_AccountId_ExternalId",
                table: "Vods",
                columns: new[] { "AccountId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vods_HighlightId",
                table: "Vods",
                column: "HighlightId");

            migrationBuilder.CreateIndex(
                name: "IX_Vods_StorageKey",
                table: "Vods",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vods_StreamId",
                table: "Vods",
                column: "StreamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChatMessages");

            migrationBuilder.DropTable(
                name: "HighlightActivities");

            migrationBuilder.DropTable(
                name: "Jobs");

            migrationBuilder.DropTable(
                name: "RefinementAttempts");

            migrationBuilder.DropTable(
                name: "StreamEvents");

            migrationBuilder.DropTable(
                name: "TranscriptSegments");

            migrationBuilder.DropTable(
                name: "VodMediaIndexes");

            migrationBuilder.DropTable(
                name: "VodPins");

            migrationBuilder.DropTable(
                name: "Highlights");

            migrationBuilder.DropTable(
                name: "Vods");

            migrationBuilder.DropTable(
                name: "Streams");

            migrationBuilder.DropTable(
                name: "Accounts");
        }
    }
}
