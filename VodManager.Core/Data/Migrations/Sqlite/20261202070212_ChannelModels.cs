using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DetectedWithDecisions",
                table: "Streams",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DetectedWithModelAt",
                table: "Streams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChannelModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ModelJson = table.Column<string>(type: "TEXT", nullable: true),
                    Decisions = table.Column<int>(type: "INTEGER", nullable: false),
                    Positives = table.Column<int>(type: "INTEGER", nullable: false),
                    Negatives = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultAgreement = table.Column<double>(type: "REAL", nullable: true),
                    TunedAgreement = table.Column<double>(type: "REAL", nullable: true),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevertedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RevertedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelModels_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelModels_AccountId_Channel",
                table: "ChannelModels",
                columns: new[] { "AccountId", "Channel" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChannelModels");

            migrationBuilder.DropColumn(
                name: "DetectedWithDecisions",
                table: "Streams");

            migrationBuilder.DropColumn(
                name: "DetectedWithModelAt",
                table: "Streams");
        }
    }
}
