using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivityHostsAndCopyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "areas_as_of",
                table: "host_assignments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "until_as_of",
                table: "host_assignments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "host_function",
                table: "activities",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            // Until now one time stood for the whole row: each part is as of that time.
            migrationBuilder.Sql("UPDATE host_assignments SET areas_as_of = as_of, until_as_of = as_of;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "areas_as_of",
                table: "host_assignments");

            migrationBuilder.DropColumn(
                name: "until_as_of",
                table: "host_assignments");

            migrationBuilder.DropColumn(
                name: "host_function",
                table: "activities");
        }
    }
}
