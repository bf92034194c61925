using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class SmsChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outgoing_mails_event_id_account_id",
                table: "outgoing_mails");

            migrationBuilder.AddColumn<string>(
                name: "phone_number",
                table: "recipients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "outgoing_mails",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Email"); // every row before text messages is a mail

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_mails_event_id_account_id_channel",
                table: "outgoing_mails",
                columns: new[] { "event_id", "account_id", "channel" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outgoing_mails_event_id_account_id_channel",
                table: "outgoing_mails");

            migrationBuilder.DropColumn(
                name: "phone_number",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "outgoing_mails");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_mails_event_id_account_id",
                table: "outgoing_mails",
                columns: new[] { "event_id", "account_id" },
                unique: true);
        }
    }
}
