using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "host_by_function",
                table: "office_hours",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "venue_id",
                table: "office_hours",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "host_name",
                table: "bookings",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            // Bookings made before a host could be a function: the office hour's person.
            migrationBuilder.Sql("UPDATE bookings SET host_name = o.host_name FROM office_hours o WHERE o.id = bookings.office_hour_id;");

            migrationBuilder.AddColumn<Guid>(
                name: "venue_id",
                table: "activities",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "host_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    function = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    area_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_host_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "venues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lat = table.Column<double>(type: "double precision", nullable: false),
                    lon = table.Column<double>(type: "double precision", nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ended = table.Column<bool>(type: "boolean", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_office_hours_venue_id",
                table: "office_hours",
                column: "venue_id",
                filter: "venue_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_venue_id",
                table: "activities",
                column: "venue_id",
                filter: "venue_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_host_assignments_person_id",
                table: "host_assignments",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_host_assignments_tenant_id_function",
                table: "host_assignments",
                columns: new[] { "tenant_id", "function" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "host_assignments");

            migrationBuilder.DropTable(
                name: "venues");

            migrationBuilder.DropIndex(
                name: "ix_office_hours_venue_id",
                table: "office_hours");

            migrationBuilder.DropIndex(
                name: "ix_activities_venue_id",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "host_by_function",
                table: "office_hours");

            migrationBuilder.DropColumn(
                name: "venue_id",
                table: "office_hours");

            migrationBuilder.DropColumn(
                name: "host_name",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "venue_id",
                table: "activities");
        }
    }
}
