import { afterEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../navigation-store';

describe('leaving a screen with unsaved changes', () => {
  afterEach(() => useNavigation.getState().setLeaveGuard(null));

  it('asks first, and stays when the creator says no', () => {
    const navigation = useNavigation.getState();
    navigation.show('settings');
    let asked = 0;
    let answer = false;
    navigation.setLeaveGuard(() => {
      asked += 1;
      return answer;
    });
    useNavigation.getState().show('overview');
    expect(useNavigation.getState().view).toBe('settings');
    useNavigation.getState().openAccount('acc-1');
    expect(useNavigation.getState()).toMatchObject({ view: 'settings', accountId: null });
    // Showing the same screen again loses nothing: no question.
    useNavigation.getState().show('settings');
    expect(asked).toBe(2);
    answer = true;
    useNavigation.getState().show('overview');
    expect(useNavigation.getState().view).toBe('overview');
    expect(asked).toBe(3);
  });
});
