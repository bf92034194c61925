using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurt.Initiatives.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchPerTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_initiatives_search_vector",
                table: "initiatives");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_tenant_id_search_vector",
                table: "initiatives",
                columns: new[] { "tenant_id", "search_vector" })
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_initiatives_tenant_id_search_vector",
                table: "initiatives");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_search_vector",
                table: "initiatives",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }
    }
}
