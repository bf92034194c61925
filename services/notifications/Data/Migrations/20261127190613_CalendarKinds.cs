using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachment_name",
                table: "outgoing_mails",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attachment_text",
                table: "outgoing_mails",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attachment_name",
                table: "outgoing_mails");

            migrationBuilder.DropColumn(
                name: "attachment_text",
                table: "outgoing_mails");
        }
    }
}
