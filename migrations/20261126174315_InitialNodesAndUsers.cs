using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class InitialNodesAndUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    profile_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, defaultValue: "unknown"),
                    last_heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nodes", x => x.id);
                    table.CheckConstraint("ck_nodes_tier", "tier IN ('device', 'edge', 'cloud')");
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    device_node_id = table.Column<Guid>(type: "uuid", nullable: false),
                    accuracy_requirement = table.Column<double>(type: "double precision", nullable: false),
                    latency_slo_ms = table.Column<double>(type: "double precision", nullable: false),
                    energy_weight = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_accuracy_requirement", "accuracy_requirement BETWEEN 0 AND 1");
                    table.CheckConstraint("ck_users_energy_weight", "energy_weight >= 0");
                    table.CheckConstraint("ck_users_latency_slo_ms", "latency_slo_ms > 0");
                    table.ForeignKey(
                        name: "fk_users_nodes_device_node_id",
                        column: x => x.device_node_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nodes_name",
                table: "nodes",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_device_node_id",
                table: "users",
                column: "device_node_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "nodes");
        }
    }
}
