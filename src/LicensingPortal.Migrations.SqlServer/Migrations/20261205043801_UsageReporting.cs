using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UsageReporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "LicenseUsages",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "OverProvisionedDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LicenseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Provisioned = table.Column<int>(type: "int", nullable: false),
                    Used = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverProvisionedDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OverProvisionedDays_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OverProvisionedDays_CustomerLicenses_LicenseId",
                        column: x => x.LicenseId,
                        principalTable: "CustomerLicenses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OverProvisionedDays_At_Id",
                table: "OverProvisionedDays",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OverProvisionedDays_CompanyId",
                table: "OverProvisionedDays",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_OverProvisionedDays_LicenseId_Day",
                table: "OverProvisionedDays",
                columns: new[] { "LicenseId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OverProvisionedDays");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "LicenseUsages");
        }
    }
}
