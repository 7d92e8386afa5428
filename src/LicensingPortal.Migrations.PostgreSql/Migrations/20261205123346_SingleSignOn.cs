using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CompanyIdentityProviders",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreateAccounts = table.Column<bool>(type: "boolean", nullable: false),
                    DefaultRole = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    GroupRoles = table.Column<string>(type: "character varying(23000)", maxLength: 23000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    DomainList = table.Column<string>(type: "character varying(5080)", maxLength: 5080, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyIdentityProviders", x => x.CompanyId);
                    table.ForeignKey(
                        name: "FK_CompanyIdentityProviders_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdentityProviderDomains",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityProviderDomains", x => x.Domain);
                    table.ForeignKey(
                        name: "FK_IdentityProviderDomains_CompanyIdentityProviders_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "CompanyIdentityProviders",
                        principalColumn: "CompanyId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdentityProviderDomains_CompanyId",
                table: "IdentityProviderDomains",
                column: "CompanyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdentityProviderDomains");

            migrationBuilder.DropTable(
                name: "CompanyIdentityProviders");
        }
    }
}
