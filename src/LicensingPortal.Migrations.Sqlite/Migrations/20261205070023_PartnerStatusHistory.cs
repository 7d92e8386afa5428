using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartnerStatusHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PartnerSuspended",
                table: "StatementLine",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CompanyStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompanyStatusChanges_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyStatusChanges_CompanyId_At",
                table: "CompanyStatusChanges",
                columns: new[] { "CompanyId", "At" });

            // R24 data: the status history of partners that moved before it was kept, from their audit entries
            // (each keeps its audit entry's id), then, for a partner whose last known move is not its status now (moved
            // outside the use cases, e.g. generated data), its status now from when it last changed (the company's id).
            migrationBuilder.Sql(
                "INSERT INTO \"CompanyStatusChanges\" (\"Id\", \"CompanyId\", \"Status\", \"At\") " +
                "SELECT a.\"Id\", a.\"CompanyId\", CASE a.\"Action\" WHEN 'PartnerSuspended' THEN 1 WHEN 'PartnerReactivated' THEN 0 ELSE 2 END, a.\"At\" " +
                "FROM \"AuditEntries\" a " +
                "WHERE a.\"Action\" IN ('PartnerSuspended', 'PartnerReactivated', 'PartnerCanceled') AND a.\"EntityType\" = 'Company' " +
                "AND a.\"CompanyId\" IN (SELECT c.\"Id\" FROM \"Companies\" c WHERE c.\"Type\" <> 0);");
            migrationBuilder.Sql(
                "INSERT INTO \"CompanyStatusChanges\" (\"Id\", \"CompanyId\", \"Status\", \"At\") " +
                "SELECT c.\"Id\", c.\"Id\", c.\"Status\", COALESCE(c.\"StatusChangedAt\", c.\"CanceledAt\", c.\"CreatedAt\") " +
                "FROM \"Companies\" c " +
                "WHERE c.\"Status\" <> 0 AND NOT EXISTS (" +
                "SELECT 1 FROM \"CompanyStatusChanges\" s WHERE s.\"CompanyId\" = c.\"Id\" AND s.\"Status\" = c.\"Status\" " +
                "AND NOT EXISTS (SELECT 1 FROM \"CompanyStatusChanges\" t WHERE t.\"CompanyId\" = c.\"Id\" AND t.\"At\" > s.\"At\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompanyStatusChanges");

            migrationBuilder.DropColumn(
                name: "PartnerSuspended",
                table: "StatementLine");
        }
    }
}
