using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicensingPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CustomerApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "ApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_CustomerId",
                table: "ApiKeys",
                column: "CustomerId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiKeys_Customers_CustomerId",
                table: "ApiKeys",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiKeys_Customers_CustomerId",
                table: "ApiKeys");

            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_CustomerId",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "ApiKeys");
        }
    }
}
