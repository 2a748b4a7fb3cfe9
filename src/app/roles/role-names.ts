/** The processes Emporium can run as (README, "Roles"); `all` is every one of them in one process. */
export const roleNames = ['all', 'command-api', 'query-api', 'projector', 'order-service', 'notification-service', 'relay', 'sandbox-gateway'] as const;
export type RoleName = (typeof roleNames)[number];
