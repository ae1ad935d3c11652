using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EdgeControl.Migrations
{
    /// <inheritdoc />
    public partial class DashboardAccountsAndDecisionLogIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_roles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_account_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_account_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dashboard_account_claims_dashboard_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "dashboard_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_account_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_account_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_dashboard_account_logins_dashboard_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "dashboard_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_account_tokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_account_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_dashboard_account_tokens_dashboard_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "dashboard_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_account_roles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_account_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_dashboard_account_roles_dashboard_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "dashboard_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_dashboard_account_roles_dashboard_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "dashboard_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dashboard_role_claims_dashboard_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "dashboard_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decision_log_received_at",
                table: "decision_log",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_decision_log_user_name_observed_at",
                table: "decision_log",
                columns: new[] { "user_name", "observed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_account_claims_UserId",
                table: "dashboard_account_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_account_logins_UserId",
                table: "dashboard_account_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_account_roles_RoleId",
                table: "dashboard_account_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "dashboard_accounts",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "dashboard_accounts",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_role_claims_RoleId",
                table: "dashboard_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "dashboard_roles",
                column: "NormalizedName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_account_claims");

            migrationBuilder.DropTable(
                name: "dashboard_account_logins");

            migrationBuilder.DropTable(
                name: "dashboard_account_roles");

            migrationBuilder.DropTable(
                name: "dashboard_account_tokens");

            migrationBuilder.DropTable(
                name: "dashboard_role_claims");

            migrationBuilder.DropTable(
                name: "dashboard_accounts");

            migrationBuilder.DropTable(
                name: "dashboard_roles");

            migrationBuilder.DropIndex(
                name: "ix_decision_log_received_at",
                table: "decision_log");

            migrationBuilder.DropIndex(
                name: "ix_decision_log_user_name_observed_at",
                table: "decision_log");
        }
    }
}
