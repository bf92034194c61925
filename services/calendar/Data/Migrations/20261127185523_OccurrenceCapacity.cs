using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class OccurrenceCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "capacity",
                table: "occurrences",
                type: "integer",
                nullable: true);

            // Each occurrence takes its activity's capacity (kept on the row its registrations lock).
            migrationBuilder.Sql("UPDATE occurrences o SET capacity = a.capacity FROM activities a WHERE a.id = o.activity_id;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "capacity",
                table: "occurrences");
        }
    }
}
