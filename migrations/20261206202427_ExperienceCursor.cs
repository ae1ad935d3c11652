using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class ExperienceCursor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "scenario",
                table: "decision_log",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<ulong>(
                name: "log_horizon",
                table: "checkpoints",
                type: "xid8",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scenario",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "log_horizon",
                table: "checkpoints");
        }
    }
}
