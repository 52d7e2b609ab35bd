using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TodoIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_tasks_Todo_Delegated",
                table: "tasks",
                columns: new[] { "DelegatedTo", "Status", "DueAt", "CreatedAt", "Id" },
                filter: "\"Status\" = 'Open' AND \"DelegatedTo\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_Todo_Mine",
                table: "tasks",
                columns: new[] { "AssigneeId", "Status", "DelegatedTo", "DueAt", "CreatedAt", "Id" },
                filter: "\"Status\" = 'Open' AND \"DelegatedTo\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_Todo_Pool",
                table: "tasks",
                columns: new[] { "PoolSectionId", "Status", "AssigneeId", "DueAt", "CreatedAt", "Id" },
                filter: "\"Status\" = 'Open' AND \"AssigneeId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_Todo_Delegated",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_Todo_Mine",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_Todo_Pool",
                table: "tasks");
        }
    }
}
