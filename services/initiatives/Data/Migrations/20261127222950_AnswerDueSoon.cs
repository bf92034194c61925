using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Initiatives.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnswerDueSoon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "answer_due_soon_notified",
                table: "initiatives",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_answer_due_soon",
                table: "initiatives",
                column: "answer_due_by",
                filter: "NOT answer_due_soon_notified AND answer_due_by IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_initiatives_answer_due_soon",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "answer_due_soon_notified",
                table: "initiatives");
        }
    }
}
