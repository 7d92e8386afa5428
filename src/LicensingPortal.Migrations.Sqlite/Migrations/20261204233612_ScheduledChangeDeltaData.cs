using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledChangeDeltaData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // R23 (after ScheduledChangeDeltaAndOneTimeCodes, whose SQLite table rebuild runs last): a pending change written before carried every setting; a value equal to the license's own
            // was not part of the change, so it becomes "leave as it is" and a later immediate save survives.
            migrationBuilder.Sql("UPDATE \"ScheduledLicenseChanges\" SET \"Units\" = CASE WHEN \"Units\" = (SELECT l.\"Units\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") THEN NULL ELSE \"Units\" END, \"ExpiresOn\" = CASE WHEN \"ExpiresOn\" = (SELECT l.\"ExpiresOn\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") THEN NULL ELSE \"ExpiresOn\" END, \"NotifyDaysBefore\" = CASE WHEN \"NotifyDaysBefore\" = (SELECT l.\"NotifyDaysBefore\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") THEN NULL ELSE \"NotifyDaysBefore\" END, \"ManagedByRemoteManager\" = CASE WHEN \"ManagedByRemoteManager\" = (SELECT l.\"ManagedByRemoteManager\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") THEN NULL ELSE \"ManagedByRemoteManager\" END, \"AddOnEnabled\" = CASE WHEN \"AddOnEnabled\" = (SELECT l.\"AddOnEnabled\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") THEN NULL ELSE \"AddOnEnabled\" END, \"AutoRenewMonths\" = CASE WHEN \"AutoRenew\" = (SELECT l.\"AutoRenew\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") AND (\"AutoRenew\" = 0 OR \"AutoRenewMonths\" = (SELECT l.\"AutoRenewMonths\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")) THEN NULL ELSE \"AutoRenewMonths\" END, \"AutoRenew\" = CASE WHEN \"AutoRenew\" = (SELECT l.\"AutoRenew\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\") AND (\"AutoRenew\" = 0 OR \"AutoRenewMonths\" = (SELECT l.\"AutoRenewMonths\" FROM \"CustomerLicenses\" l WHERE l.\"Id\" = \"ScheduledLicenseChanges\".\"LicenseId\")) THEN NULL ELSE \"AutoRenew\" END WHERE \"State\" = 0");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
