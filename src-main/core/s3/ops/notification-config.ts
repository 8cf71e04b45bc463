// STUB (to be replaced by the notifications owner): PUT/GET/DELETE ?notification operations.
import type { OperationTable } from '../types';
import type { Notifications } from '../../notifications/create-notifications';

export interface NotificationOperationDeps { notifications: Notifications; bucketExists: (name: string) => boolean }

export function createNotificationOperations(_deps: NotificationOperationDeps): OperationTable {
  return {};
}
