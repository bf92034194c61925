using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class Registrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "arrivals",
                table: "occurrences",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "attended",
                table: "occurrences",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "registered",
                table: "occurrences",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "waitlisted",
                table: "occurrences",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    check_in_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    promoted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_registrations_occurrences_occurrence_id",
                        column: x => x.occurrence_id,
                        principalTable: "occurrences",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_occurrences_counts",
                table: "occurrences",
                sql: "registered >= 0 AND waitlisted >= 0 AND attended >= 0 AND registered + waitlisted <= arrivals");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_occurrence_id_check_in_code",
                table: "registrations",
                columns: new[] { "occurrence_id", "check_in_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registrations_occurrence_id_position",
                table: "registrations",
                columns: new[] { "occurrence_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registrations_one_per_resident",
                table: "registrations",
                columns: new[] { "occurrence_id", "account_id" },
                unique: true,
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_tenant_id_account_id_registered_at",
                table: "registrations",
                columns: new[] { "tenant_id", "account_id", "registered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_occurrences_counts",
                table: "occurrences");

            migrationBuilder.DropColumn(
                name: "arrivals",
                table: "occurrences");

            migrationBuilder.DropColumn(
                name: "attended",
                table: "occurrences");

            migrationBuilder.DropColumn(
                name: "registered",
                table: "occurrences");

            migrationBuilder.DropColumn(
                name: "waitlisted",
                table: "occurrences");
        }
    }
}
