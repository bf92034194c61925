using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class WalkIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_office_hours_slots",
                table: "office_hours");

            migrationBuilder.AddColumn<int>(
                name: "walk_in_minutes",
                table: "office_hours",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddCheckConstraint(
                name: "ck_office_hours_slots",
                table: "office_hours",
                sql: "slot_minutes >= 0 AND walk_in_minutes >= 0 AND buffer_minutes >= 0 AND \"end\" > start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_office_hours_slots",
                table: "office_hours");

            migrationBuilder.DropColumn(
                name: "walk_in_minutes",
                table: "office_hours");

            migrationBuilder.AddCheckConstraint(
                name: "ck_office_hours_slots",
                table: "office_hours",
                sql: "slot_minutes > 0 AND buffer_minutes >= 0 AND \"end\" > start");
        }
    }
}
