using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EventTimeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LicenseTransactions_LicenseId_At",
                table: "LicenseTransactions");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseTransactions_At_Id",
                table: "LicenseTransactions",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LicenseTransactions_At_Id",
                table: "LicenseTransactions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseTransactions_LicenseId_At",
                table: "LicenseTransactions",
                columns: new[] { "LicenseId", "At" });
        }
    }
}
