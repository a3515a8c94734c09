/** Port: the current time. Core never reads the system clock itself. */
export interface Clock {
  now(): Date;
}
