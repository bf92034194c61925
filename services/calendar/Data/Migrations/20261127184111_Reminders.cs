using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reminded_for",
                table: "registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reminded_for",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_occurrences_reminders",
                table: "occurrences",
                column: "starts_at",
                filter: "registered > 0");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_reminders",
                table: "bookings",
                column: "starts_at",
                filter: "cancelled_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_occurrences_reminders",
                table: "occurrences");

            migrationBuilder.DropIndex(
                name: "ix_bookings_reminders",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "reminded_for",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "reminded_for",
                table: "bookings");
        }
    }
}
