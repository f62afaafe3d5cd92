using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VodManager.Core.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DetectedWithModelAt",
                table: "Streams",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChannelModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelJson = table.Column<string>(type: "text", nullable: true),
                    Decisions = table.Column<int>(type: "integer", nullable: false),
                    Positives = table.Column<int>(type: "integer", nullable: false),
                    Negatives = table.Column<int>(type: "integer", nullable: false),
                    DefaultAgreement = table.Column<double>(type: "double precision", nullable: true),
                    TunedAgreement = table.Column<double>(type: "double precision", nullable: true),
                    TrainedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevertedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RevertedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
