using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AlterColumn<int>(
                name: "NotifyDaysBefore",
                table: "ScheduledLicenseChanges",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AlterColumn<bool>(
                name: "ManagedByRemoteManager",
                table: "ScheduledLicenseChanges",
                type: "bit",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "bit");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ExpiresOn",
                table: "ScheduledLicenseChanges",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AlterColumn<bool>(
                name: "AutoRenew",
                table: "ScheduledLicenseChanges",
                type: "bit",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "bit");

            migrationBuilder.AlterColumn<bool>(
                name: "AddOnEnabled",
                table: "ScheduledLicenseChanges",
                type: "bit",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "bit");

            // R23: a pending change written before carried every setting; a value equal to the license's own
            // was not part of the change, so it becomes "leave as it is" and a later immediate save survives.
            migrationBuilder.Sql("UPDATE [ScheduledLicenseChanges] SET [Units] = CASE WHEN [Units] = (SELECT l.[Units] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) THEN NULL ELSE [Units] END, [ExpiresOn] = CASE WHEN [ExpiresOn] = (SELECT l.[ExpiresOn] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) THEN NULL ELSE [ExpiresOn] END, [NotifyDaysBefore] = CASE WHEN [NotifyDaysBefore] = (SELECT l.[NotifyDaysBefore] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) THEN NULL ELSE [NotifyDaysBefore] END, [ManagedByRemoteManager] = CASE WHEN [ManagedByRemoteManager] = (SELECT l.[ManagedByRemoteManager] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) THEN NULL ELSE [ManagedByRemoteManager] END, [AddOnEnabled] = CASE WHEN [AddOnEnabled] = (SELECT l.[AddOnEnabled] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) THEN NULL ELSE [AddOnEnabled] END, [AutoRenewMonths] = CASE WHEN [AutoRenew] = (SELECT l.[AutoRenew] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) AND ([AutoRenew] = 0 OR [AutoRenewMonths] = (SELECT l.[AutoRenewMonths] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])) THEN NULL ELSE [AutoRenewMonths] END, [AutoRenew] = CASE WHEN [AutoRenew] = (SELECT l.[AutoRenew] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) AND ([AutoRenew] = 0 OR [AutoRenewMonths] = (SELECT l.[AutoRenewMonths] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])) THEN NULL ELSE [AutoRenew] END WHERE [State] = 0");

            migrationBuilder.AddColumn<long>(
                name: "LastAuthenticatorTimeStep",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastAuthenticatorTimeStep",
                table: "AspNetUsers");

            // Back to full snapshots: a setting the change leaves as it is takes the license's value.
            migrationBuilder.Sql("UPDATE [ScheduledLicenseChanges] SET [Units] = COALESCE([Units], (SELECT l.[Units] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])), [ExpiresOn] = COALESCE([ExpiresOn], (SELECT l.[ExpiresOn] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])), [NotifyDaysBefore] = COALESCE([NotifyDaysBefore], (SELECT l.[NotifyDaysBefore] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])), [ManagedByRemoteManager] = COALESCE([ManagedByRemoteManager], (SELECT l.[ManagedByRemoteManager] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])), [AddOnEnabled] = COALESCE([AddOnEnabled], (SELECT l.[AddOnEnabled] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId])), [AutoRenewMonths] = CASE WHEN [AutoRenew] IS NULL THEN (SELECT l.[AutoRenewMonths] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]) ELSE [AutoRenewMonths] END, [AutoRenew] = COALESCE([AutoRenew], (SELECT l.[AutoRenew] FROM [CustomerLicenses] l WHERE l.[Id] = [ScheduledLicenseChanges].[LicenseId]))");

            migrationBuilder.AlterColumn<int>(
                name: "Units",
                table: "ScheduledLicenseChanges",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "NotifyDaysBefore",
                table: "ScheduledLicenseChanges",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "ManagedByRemoteManager",
                table: "ScheduledLicenseChanges",
                type: "bit",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "bit",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ExpiresOn",
                table: "ScheduledLicenseChanges",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "AutoRenew",
                table: "ScheduledLicenseChanges",
                type: "bit",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "bit",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "AddOnEnabled",
                table: "ScheduledLicenseChanges",
                type: "bit",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "bit",
                oldNullable: true);
        }
    }
}
