using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Contacts.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarOfficeHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "office_hours",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    function = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    host_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    host_by_function = table.Column<bool>(type: "boolean", nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    location = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    online_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sessions = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_office_hours", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_office_hours_tenant_id_area_id_function",
                table: "office_hours",
                columns: new[] { "tenant_id", "area_id", "function" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "office_hours");
        }
    }
}
