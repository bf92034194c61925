using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Contacts.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingLinkExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "secret_links",
                type: "timestamp with time zone",
                nullable: true);
            // Links to confirm a listing mailed before links expired live as long as new ones.
            migrationBuilder.Sql("UPDATE secret_links SET expires_at = issued_at + interval '28 days' WHERE purpose = 'ListingVerification';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "secret_links");
        }
    }
}
