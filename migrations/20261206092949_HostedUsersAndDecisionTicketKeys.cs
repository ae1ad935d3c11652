using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class HostedUsersAndDecisionTicketKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_device_node_id",
                table: "users");

            migrationBuilder.DropCheckConstraint(
                name: "ck_users_accuracy_requirement",
                table: "users");

            migrationBuilder.DropCheckConstraint(
                name: "ck_users_energy_weight",
                table: "users");

            migrationBuilder.DropCheckConstraint(
                name: "ck_users_latency_slo_ms",
                table: "users");

            migrationBuilder.DropColumn(
                name: "accuracy_requirement",
                table: "users");

            migrationBuilder.DropColumn(
                name: "energy_weight",
                table: "users");

            migrationBuilder.DropColumn(
                name: "latency_slo_ms",
                table: "users");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.CreateTable(
                name: "decision_ticket_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decision_ticket_keys", x => x.id);
                    table.CheckConstraint("ck_decision_ticket_keys_id", "id = 1");
                    table.CheckConstraint("ck_decision_ticket_keys_key", "octet_length(key) = 32");
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_device_node_id_name",
                table: "users",
                columns: new[] { "device_node_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_ticket_keys");

            migrationBuilder.DropIndex(
                name: "ix_users_device_node_id_name",
                table: "users");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "users",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<double>(
                name: "accuracy_requirement",
                table: "users",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "energy_weight",
                table: "users",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "latency_slo_ms",
                table: "users",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateIndex(
                name: "ix_users_device_node_id",
                table: "users",
                column: "device_node_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_accuracy_requirement",
                table: "users",
                sql: "accuracy_requirement BETWEEN 0 AND 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_energy_weight",
                table: "users",
                sql: "energy_weight >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_latency_slo_ms",
                table: "users",
                sql: "latency_slo_ms > 0");
        }
    }
}
