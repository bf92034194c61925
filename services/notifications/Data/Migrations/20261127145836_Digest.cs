using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class Digest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "last_digest_on",
                table: "municipalities",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "municipalities",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "Europe/Amsterdam");

            migrationBuilder.CreateTable(
                name: "digest_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    digested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_items", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_digest_items_event_id_account_id",
                table: "digest_items",
                columns: new[] { "event_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_digest_items_waiting",
                table: "digest_items",
                columns: new[] { "tenant_id", "created_at" },
                filter: "digested_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digest_items");

            migrationBuilder.DropColumn(
                name: "last_digest_on",
                table: "municipalities");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "municipalities");
        }
    }
}
