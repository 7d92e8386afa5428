using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PlanCustomersIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerLicenses_ServicePlanId",
                table: "CustomerLicenses");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerLicenses_ServicePlanId_CustomerId",
                table: "CustomerLicenses",
                columns: new[] { "ServicePlanId", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerLicenses_ServicePlanId_CustomerId",
                table: "CustomerLicenses");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerLicenses_ServicePlanId",
                table: "CustomerLicenses",
                column: "ServicePlanId");
        }
    }
}
