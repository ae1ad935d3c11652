using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class WorkersAndDecisionContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "measured_profile",
                table: "nodes",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "profiled_at",
                table: "nodes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "token_key",
                table: "nodes",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "url",
                table: "nodes",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "action",
                table: "decision_log",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "action_probability",
                table: "decision_log",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "local_load",
                table: "decision_log",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "network_condition",
                table: "decision_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "rtt_cloud_ms",
                table: "decision_log",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "rtt_edge_ms",
                table: "decision_log",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "served_by",
                table: "decision_log",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "server_loads",
                table: "decision_log",
                type: "integer[]",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "uplink_mbps",
                table: "decision_log",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "measured_profile",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "profiled_at",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "token_key",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "url",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "action",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "action_probability",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "local_load",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "network_condition",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "rtt_cloud_ms",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "rtt_edge_ms",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "served_by",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "server_loads",
                table: "decision_log");

            migrationBuilder.DropColumn(
                name: "uplink_mbps",
                table: "decision_log");
        }
    }
}
