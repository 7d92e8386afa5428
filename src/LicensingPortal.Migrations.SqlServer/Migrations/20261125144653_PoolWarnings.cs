using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PoolWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PoolWarningPercent",
                table: "Companies",
                type: "int",
                nullable: true);

            // Partners that existed before the warning are warned like new ones (Company.DefaultPoolWarningPercent, R20).
            migrationBuilder.Sql("UPDATE [Companies] SET [PoolWarningPercent] = 10 WHERE [Type] <> 0;");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CreatedAt",
                table: "Notifications",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_CreatedAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "PoolWarningPercent",
                table: "Companies");
        }
    }
}
