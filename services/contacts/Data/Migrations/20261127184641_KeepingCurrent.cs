using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Contacts.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeepingCurrent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_verified_at",
                table: "people",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verification_requested_at",
                table: "people",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_verified_at",
                table: "organisations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verification_requested_at",
                table: "organisations",
                type: "timestamp with time zone",
                nullable: true);

            // What was there before counts as verified when it was registered: asked a year after that.
            migrationBuilder.Sql("UPDATE people SET last_verified_at = registered_at; UPDATE organisations SET last_verified_at = registered_at;");

            migrationBuilder.CreateTable(
                name: "listing_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    field = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    before = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: true),
                    after = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: true),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_as = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_listing_changes_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "listing_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    listing_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    reported_by = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "secret_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    purpose = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    consent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_secret_links", x => x.id);
                    table.CheckConstraint("ck_secret_links_one_listing", "num_nonnulls(person_id, organisation_id) = 1");
                    table.ForeignKey(
                        name: "fk_secret_links_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_secret_links_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_people_last_verified_at",
                table: "people",
                column: "last_verified_at",
                filter: "erased_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_last_verified_at",
                table: "organisations",
                column: "last_verified_at",
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_listing_changes_organisation_id",
                table: "listing_changes",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_listing_changes_tenant_id_organisation_id_changed_at",
                table: "listing_changes",
                columns: new[] { "tenant_id", "organisation_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_listing_reports_tenant_id_listing_id_reported_by",
                table: "listing_reports",
                columns: new[] { "tenant_id", "listing_id", "reported_by" },
                unique: true,
                filter: "resolved_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_listing_reports_tenant_id_reported_at",
                table: "listing_reports",
                columns: new[] { "tenant_id", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_secret_links_organisation_id",
                table: "secret_links",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_secret_links_person_id",
                table: "secret_links",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_secret_links_tenant_id_person_id",
                table: "secret_links",
                columns: new[] { "tenant_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_secret_links_token_hash",
                table: "secret_links",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "listing_changes");

            migrationBuilder.DropTable(
                name: "listing_reports");

            migrationBuilder.DropTable(
                name: "secret_links");

            migrationBuilder.DropIndex(
                name: "ix_people_last_verified_at",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_organisations_last_verified_at",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "last_verified_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "verification_requested_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "last_verified_at",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "verification_requested_at",
                table: "organisations");
        }
    }
}
