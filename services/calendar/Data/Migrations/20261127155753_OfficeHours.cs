using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class OfficeHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.CreateTable(
                name: "holidays",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holidays", x => new { x.tenant_id, x.date });
                });

            migrationBuilder.CreateTable(
                name: "office_hours",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_function = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    host_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    host_key = table.Column<string>(type: "character varying(241)", maxLength: 241, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    start = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    end = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    slot_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_minutes = table.Column<int>(type: "integer", nullable: false),
                    online_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    minimum_notice_hours = table.Column<int>(type: "integer", nullable: false),
                    horizon_days = table.Column<int>(type: "integer", nullable: false),
                    blocked_dates = table.Column<DateOnly[]>(type: "date[]", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    recurrence_bounded = table.Column<bool>(type: "boolean", nullable: true),
                    recurrence_by_day = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    recurrence_count = table.Column<int>(type: "integer", nullable: true),
                    recurrence_frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    recurrence_interval = table.Column<int>(type: "integer", nullable: true),
                    recurrence_until = table.Column<DateOnly>(type: "date", nullable: true),
                    venue_address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    venue_lat = table.Column<double>(type: "double precision", nullable: true),
                    venue_lon = table.Column<double>(type: "double precision", nullable: true),
                    venue_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_office_hours", x => x.id);
                    table.CheckConstraint("ck_office_hours_slots", "slot_minutes > 0 AND buffer_minutes >= 0 AND \"end\" > start");
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    office_hour_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_key = table.Column<string>(type: "character varying(241)", maxLength: 241, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    topic = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    cancel_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    booked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    cancelled_by_resident = table.Column<bool>(type: "boolean", nullable: true),
                    sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => x.id);
                    table.CheckConstraint("ck_bookings_times", "ends_at > starts_at AND blocked_until >= ends_at");
                    table.ForeignKey(
                        name: "fk_bookings_office_hours_office_hour_id",
                        column: x => x.office_hour_id,
                        principalTable: "office_hours",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_cancel_token_hash",
                table: "bookings",
                column: "cancel_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bookings_office_hour_id",
                table: "bookings",
                column: "office_hour_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_account_id_starts_at",
                table: "bookings",
                columns: new[] { "tenant_id", "account_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_host_key_starts_at",
                table: "bookings",
                columns: new[] { "tenant_id", "host_key", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_office_hours_tenant_id_area_id",
                table: "office_hours",
                columns: new[] { "tenant_id", "area_id" });

            // No double booking, ever: no two bookings of one host (all their office hours) whose blocked
            // ranges (start to end plus the buffer) overlap, guaranteed by PostgreSQL, two requests at once
            // included. A cancelled booking frees its slot. The EF provider has no API for exclusion constraints.
            migrationBuilder.Sql("""
                ALTER TABLE bookings ADD CONSTRAINT ex_bookings_host_free
                    EXCLUDE USING gist (tenant_id WITH =, host_key WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&)
                    WHERE (cancelled_at IS NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "holidays");

            migrationBuilder.DropTable(
                name: "office_hours");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,");
        }
    }
}
