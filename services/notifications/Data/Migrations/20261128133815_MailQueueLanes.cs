using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class MailQueueLanes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The sender claims per channel (lane): the channel leads, so a lane's claim never reads past the other's backlog.
            migrationBuilder.DropIndex(
                name: "ix_outgoing_mails_waiting",
                table: "outgoing_mails");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_mails_waiting_lane",
                table: "outgoing_mails",
                columns: new[] { "channel", "sequence" },
                filter: "sent_at IS NULL AND dead_lettered_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outgoing_mails_waiting_lane",
                table: "outgoing_mails");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_mails_waiting",
                table: "outgoing_mails",
                column: "sequence",
                filter: "sent_at IS NULL AND dead_lettered_at IS NULL");
        }
    }
}
