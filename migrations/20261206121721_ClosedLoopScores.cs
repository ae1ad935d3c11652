using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class ClosedLoopScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "best_closed_loop_score",
                table: "training_runs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "closed_loop_score",
                table: "curve_points",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "best_closed_loop_score",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "closed_loop_score",
                table: "curve_points");
        }
    }
}
