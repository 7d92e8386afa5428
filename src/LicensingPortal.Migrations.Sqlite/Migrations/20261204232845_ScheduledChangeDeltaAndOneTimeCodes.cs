using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledChangeDeltaAndOneTimeCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "Units",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<int>(
                name: "NotifyDaysBefore",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<bool>(
                name: "ManagedByRemoteManager",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ExpiresOn",
                table: "ScheduledLicenseChanges",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<bool>(
                name: "AutoRenew",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<bool>(
                name: "AddOnEnabled",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "LastAuthenticatorTimeStep",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastAuthenticatorTimeStep",
                table: "AspNetUsers");

            // Back to full snapshots: a setting the change leaves as it is takes the license's value.
            migrationBuilder.Sql("UPDATE \"ScheduledLicenseChanges\" SET \"Units\" = COALESCE(\"Units\", (SELECT l.\"Units\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")), \"ExpiresOn\" = COALESCE(\"ExpiresOn\", (SELECT l.\"ExpiresOn\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")), \"NotifyDaysBefore\" = COALESCE(\"NotifyDaysBefore\", (SELECT l.\"NotifyDaysBefore\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")), \"ManagedByRemoteManager\" = COALESCE(\"ManagedByRemoteManager\", (SELECT l.\"ManagedByRemoteManager\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")), \"AddOnEnabled\" = COALESCE(\"AddOnEnabled\", (SELECT l.\"AddOnEnabled\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")), \"AutoRenewMonths\" = CASE WHEN \"AutoRenew\" IS NULL THEN (SELECT l.\"AutoRenewMonths\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") ELSE \"AutoRenewMonths\" END, \"AutoRenew\" = COALESCE(\"AutoRenew\", (SELECT l.\"AutoRenew\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\"))");

            migrationBuilder.AlterColumn<int>(
                name: "Units",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "NotifyDaysBefore",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "ManagedByRemoteManager",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ExpiresOn",
                table: "ScheduledLicenseChanges",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "AutoRenew",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "AddOnEnabled",
                table: "ScheduledLicenseChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
