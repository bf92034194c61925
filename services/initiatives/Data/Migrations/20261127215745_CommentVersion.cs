using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Initiatives.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommentVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "comments",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "comments");
        }
    }
}
