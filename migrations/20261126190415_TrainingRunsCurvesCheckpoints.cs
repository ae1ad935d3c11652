using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class TrainingRunsCurvesCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scenario_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "running"),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    real_interactions = table.Column<long>(type: "bigint", nullable: false),
                    best_score = table.Column<double>(type: "double precision", nullable: true),
                    options = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_runs", x => x.id);
                    table.CheckConstraint("ck_training_runs_status", "status IN ('running', 'completed', 'stopped', 'failed')");
                });

            migrationBuilder.CreateTable(
                name: "checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    real_interactions = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    weights = table.Column<byte[]>(type: "bytea", nullable: false),
                    cumulative_regret = table.Column<double>(type: "double precision", nullable: false),
                    violations = table.Column<long>(type: "bigint", nullable: false),
                    wall_seconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoints", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkpoints_training_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "training_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "curve_points",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    real_interactions = table.Column<long>(type: "bigint", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    wall_seconds = table.Column<double>(type: "double precision", nullable: false),
                    cumulative_regret = table.Column<double>(type: "double precision", nullable: false),
                    violations = table.Column<long>(type: "bigint", nullable: false),
                    model_loss = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_curve_points", x => x.id);
                    table.ForeignKey(
                        name: "fk_curve_points_training_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "training_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoints_run_id_real_interactions",
                table: "checkpoints",
                columns: new[] { "run_id", "real_interactions" });

            migrationBuilder.CreateIndex(
                name: "ix_curve_points_run_id_real_interactions",
                table: "curve_points",
                columns: new[] { "run_id", "real_interactions" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_runs_status_started_at",
                table: "training_runs",
                columns: new[] { "status", "started_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkpoints");

            migrationBuilder.DropTable(
                name: "curve_points");

            migrationBuilder.DropTable(
                name: "training_runs");
        }
    }
}
