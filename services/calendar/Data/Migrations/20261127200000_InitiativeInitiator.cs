using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitiativeInitiator : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "initiator_id",
                table: "initiatives",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "initiator_id",
                table: "initiatives");
        }
    }
}
