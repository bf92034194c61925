using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Buurt.Initiatives.Data.Migrations
{
    /// <inheritdoc />
    public partial class Buurtcyclus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "address_text",
                table: "initiatives",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "answer_due_by",
                table: "initiatives",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "answer_overdue_notified",
                table: "initiatives",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "buurt_id",
                table: "initiatives",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "initiatives",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "deal_version",
                table: "initiatives",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason",
                table: "initiatives",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "final_cost",
                table: "initiatives",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_answered_at",
                table: "initiatives",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "initiator_id",
                table: "initiatives",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "priority_id",
                table: "initiatives",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "public_name",
                table: "initiatives",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "status_changed_at",
                table: "initiatives",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "sub_theme",
                table: "initiatives",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "support_count",
                table: "initiatives",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "initiatives",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('dutch', title || ' ' || description)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    report_count = table.Column<int>(type: "integer", nullable: false),
                    hidden_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    hidden_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    hidden_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_comments_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    funding_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    funding_rejection_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    funding_rejection_detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    approver = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    proposed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    initiators_accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    director_accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    alderman_accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deals", x => x.id);
                    table.ForeignKey(
                        name: "fk_deals_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    story = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    reviews = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.initiative_id);
                    table.ForeignKey(
                        name: "fk_evaluations_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "polls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    options = table.Column<List<string>>(type: "text[]", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    results = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opened_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_polls", x => x.id);
                    table.ForeignKey(
                        name: "fk_polls_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "priorities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    theme = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    goal = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priorities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ratings", x => new { x.initiative_id, x.resident_id });
                    table.ForeignKey(
                        name: "fk_ratings_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fast_track_max_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    response_days = table.Column<string>(type: "jsonb", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    sub_themes = table.Column<string>(type: "jsonb", nullable: false),
                    rating_period_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "supports",
                columns: table => new
                {
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supports", x => new { x.initiative_id, x.resident_id });
                    table.ForeignKey(
                        name: "fk_supports_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timeline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    to = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    note = table.Column<string>(type: "character varying(2502)", maxLength: 2502, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answer_due_by = table.Column<DateOnly>(type: "date", nullable: true),
                    answered_on_time = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline", x => x.id);
                    table.ForeignKey(
                        name: "fk_timeline_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "updates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_updates_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment_reports",
                columns: table => new
                {
                    comment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comment_reports", x => new { x.comment_id, x.reporter_id });
                    table.ForeignKey(
                        name: "fk_comment_reports_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    initiative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    side = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    owner = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    next_due = table.Column<DateOnly>(type: "date", nullable: true),
                    times_done = table.Column<int>(type: "integer", nullable: false),
                    last_done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_done_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    overdue_notified_for = table.Column<DateOnly>(type: "date", nullable: true),
                    recurrence_frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    recurrence_interval = table.Column<int>(type: "integer", nullable: true),
                    recurrence_until = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                    table.ForeignKey(
                        name: "fk_commitments_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes",
                columns: table => new
                {
                    poll_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    option = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_votes", x => new { x.poll_id, x.resident_id });
                    table.ForeignKey(
                        name: "fk_votes_polls_poll_id",
                        column: x => x.poll_id,
                        principalTable: "polls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_answer_due_by",
                table: "initiatives",
                column: "answer_due_by",
                filter: "NOT answer_overdue_notified AND answer_due_by IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_search_vector",
                table: "initiatives",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_tenant_id_status_submitted_at",
                table: "initiatives",
                columns: new[] { "tenant_id", "status", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_tenant_id_submitted_at",
                table: "initiatives",
                columns: new[] { "tenant_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_comments_initiative_id_at",
                table: "comments",
                columns: new[] { "initiative_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_comments_tenant_id_report_count",
                table: "comments",
                columns: new[] { "tenant_id", "report_count" },
                filter: "hidden_at IS NULL AND report_count > 0");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_deal_id",
                table: "commitments",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_next_due",
                table: "commitments",
                column: "next_due",
                filter: "status = 'Open' AND next_due IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_initiative_id_version",
                table: "deals",
                columns: new[] { "initiative_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_polls_initiative_id",
                table: "polls",
                column: "initiative_id");

            migrationBuilder.CreateIndex(
                name: "ix_priorities_tenant_id_area_id_from",
                table: "priorities",
                columns: new[] { "tenant_id", "area_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_initiative_id_at",
                table: "timeline",
                columns: new[] { "initiative_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_updates_initiative_id_at",
                table: "updates",
                columns: new[] { "initiative_id", "at" });

            // The map's box: per tenant, by longitude then latitude, only rows with a location.
            migrationBuilder.Sql(
                "CREATE INDEX ix_initiatives_tenant_id_location ON initiatives (tenant_id, location_lon, location_lat) WHERE location_lat IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_initiatives_tenant_id_location;");

            migrationBuilder.DropTable(
                name: "comment_reports");

            migrationBuilder.DropTable(
                name: "commitments");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "priorities");

            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "supports");

            migrationBuilder.DropTable(
                name: "timeline");

            migrationBuilder.DropTable(
                name: "updates");

            migrationBuilder.DropTable(
                name: "votes");

            migrationBuilder.DropTable(
                name: "comments");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "polls");

            migrationBuilder.DropIndex(
                name: "ix_initiatives_answer_due_by",
                table: "initiatives");

            migrationBuilder.DropIndex(
                name: "ix_initiatives_search_vector",
                table: "initiatives");

            migrationBuilder.DropIndex(
                name: "ix_initiatives_tenant_id_status_submitted_at",
                table: "initiatives");

            migrationBuilder.DropIndex(
                name: "ix_initiatives_tenant_id_submitted_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "address_text",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "answer_due_by",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "answer_overdue_notified",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "buurt_id",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "deal_version",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "decline_reason",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "final_cost",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "first_answered_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "initiator_id",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "priority_id",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "public_name",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "status_changed_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "sub_theme",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "support_count",
                table: "initiatives");
        }
    }
}
