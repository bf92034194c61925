using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Contacts.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkVersions : Migration
    {
        /// <summary>The tables a "who" answer is made of: a change to any of them raises its municipality's network version.</summary>
        private static readonly string[] s_tables =
        [
            "areas", "postcode_ranges", "topics", "functions", "routing_rules", "organisations", "people",
            "contact_points", "consent_records", "assignments", "assignment_areas", "office_hours",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raised in the changing transaction, so a reader sees the new version exactly when it sees the
            // change. Deferred to the commit: the version row is locked last and briefly, after the change's own rows.
            migrationBuilder.Sql("""
                CREATE TABLE network_versions (tenant_id varchar(40) PRIMARY KEY, version bigint NOT NULL);
                CREATE FUNCTION raise_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO network_versions AS v (tenant_id, version) VALUES (COALESCE(NEW.tenant_id, OLD.tenant_id), 1)
                    ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in s_tables)
            {
                migrationBuilder.Sql($"""
                    CREATE CONSTRAINT TRIGGER {table}_network_version AFTER INSERT OR UPDATE OR DELETE ON {table}
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_network_version();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in s_tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_network_version ON {table};");
            }
            migrationBuilder.Sql("DROP FUNCTION raise_network_version(); DROP TABLE network_versions;");
        }
    }
}
