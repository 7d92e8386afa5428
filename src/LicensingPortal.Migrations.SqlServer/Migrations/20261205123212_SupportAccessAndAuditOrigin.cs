using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SupportAccessAndAuditOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ActingAsCompanyId",
                table: "AuditEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "AuditEntries",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientIp",
                table: "AuditEntries",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SupportSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SupportUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SupportUserName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ProviderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CompanyType = table.Column<int>(type: "int", nullable: false),
                    CompanyName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AuditCompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    WriteRequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConsentGivenByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConsentGivenByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ConsentGivenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConsentExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConsentRevokedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActingAsCompanyId_At",
                table: "AuditEntries",
                columns: new[] { "ActingAsCompanyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportSessions_CompanyId_StartedAt",
                table: "SupportSessions",
                columns: new[] { "CompanyId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportSessions_SupportUserId_ExpiresAt",
                table: "SupportSessions",
                columns: new[] { "SupportUserId", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupportSessions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActingAsCompanyId_At",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ActingAsCompanyId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ClientIp",
                table: "AuditEntries");
        }
    }
}
