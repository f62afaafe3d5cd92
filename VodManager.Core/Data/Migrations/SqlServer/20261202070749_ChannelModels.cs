using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VodManager.Core.Data.Migrations.SqlServer
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DetectedWithModelAt",
                table: "Streams",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChannelModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ModelJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Decisions = table.Column<int>(type: "int", nullable: false),
                    Positives = table.Column<int>(type: "int", nullable: false),
                    Negatives = table.Column<int>(type: "int", nullable: false),
                    DefaultAgreement = table.Column<double>(type: "float", nullable: true),
                    TunedAgreement = table.Column<double>(type: "float", nullable: true),
                    TrainedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevertedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RevertedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
